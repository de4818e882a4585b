{ runtime-error: 12: null function pointer call }
program NilProcedureValue;
type
  TAction = procedure(n: integer);
var
  act: TAction;
procedure show(n: integer); begin writeln('show ', n) end;
begin
  act := @show;
  act(1);
  act := nil;
  act(2);
  writeln('not reached')
end.
