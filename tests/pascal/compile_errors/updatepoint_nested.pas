{ error-line: 12 }
{ dvm-only: fpc warns about the unknown directive and accepts the program }
{ An update point may stand only in a top-level routine (docs/UPDATING.md): in a nested routine
  it is a compile error for dvm. }
program UpdatepointNested;

procedure Outer;
var
  n: integer;
  procedure Inner;
  begin
    {$dvm updatepoint}
    n := n + 1;
  end;
begin
  n := 0;
  {$dvm updatepoint}
  Inner;
  writeln(n);
end;

begin
  Outer;
end.
