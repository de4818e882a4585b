{ error-line: 7 }
program AssignConstant;
const
  Limit = 10;
begin
  writeln(Limit);
  Limit := 20;
  writeln(Limit);
end.
