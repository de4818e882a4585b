{ error-line: 14 }
program VarArgument;
var
  x: integer;

procedure Double(var v: integer);
begin
  v := v * 2;
end;

begin
  x := 4;
  Double(x);
  Double(x + 1);
  writeln(x);
end.
