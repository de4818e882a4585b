{ dvm-options: --memory=2M }
program dynamic_records_released;
{ Releasing a dynamic array of records releases the strings and arrays they
  hold: 2000 rounds of about 40 KB each fit in 2 MB only if they do. }
type
  TRec = record id: integer; name: string; sub: array of string; end;
var
  a, b: array of TRec;
  i, k: integer;
begin
  for k := 1 to 2000 do
  begin
    SetLength(a, 50);
    for i := 0 to 49 do
    begin
      a[i].name := StringOfChar('x', 200) + chr(65 + i mod 26);
      SetLength(a[i].sub, 3);
      a[i].sub[2] := a[i].name + 'y';
    end;
    b := Copy(a);
    SetLength(a, 10);
    a := nil;
    if k mod 500 = 0 then writeln(k, ' ', b[49].sub[2][201], Length(b));
    b := nil;
  end;
end.
