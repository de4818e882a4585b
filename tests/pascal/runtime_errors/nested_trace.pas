{ runtime-error: 16: division by zero }
{ trace: Outer, Middle, Inner, Walk }
program NestedTrace;
var
  data: array[1..6] of integer;

procedure Outer(limit: integer);
var
  total: integer;

  procedure Middle(k: integer);

    procedure Inner;
    begin
      write(k, ' ');
      total := total + 100 div data[k];
    end;

  begin
    Inner;
  end;

begin
  total := 0;
  Middle(limit);
  writeln('total ', total);
end;

procedure Walk(n: integer);
begin
  if n > 6 then exit;
  Outer(n);
  Walk(n + 1);
end;

begin
  data[1] := 5; data[2] := 4; data[3] := 3; data[4] := 2; data[5] := 0; data[6] := 1;
  Walk(1);
end.
