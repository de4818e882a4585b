program ProgramArguments;
{ args: alpha 42 --flag }
{ paramcount and paramstr: the arguments of `dvm run PROG -- ARGS`;
  paramstr(0) is the program's own path (printed only by its presence). }
var
  i, sum, code, n: integer;
begin
  writeln(paramcount);
  for i := 1 to paramcount do writeln(i, ': ', paramstr(i));
  writeln(length(paramstr(0)) > 0, ' [', paramstr(paramcount + 1), ']');
  sum := 0;
  for i := 1 to paramcount do
  begin
    val(paramstr(i), n, code);
    if code = 0 then sum := sum + n;
  end;
  writeln(sum);
end.
