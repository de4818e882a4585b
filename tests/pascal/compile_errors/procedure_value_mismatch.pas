{ error-line: 10 }
program ProcedureValueMismatch;
type
  TReal = function(x: real): real;
var
  f: TReal;
function count(n: integer): real; begin count := n end;
function sq(x: real): real; begin sq := x * x end;
begin
  f := @count;
  writeln(f(2.0))
end.
