{ error-line: 14 }
program VarArgumentType;
var
  r: real;

procedure Bump(var v: integer);
begin
  v := v + 1;
end;

begin
  r := 1.5;
  writeln(r:0:1);
  Bump(r);
end.
