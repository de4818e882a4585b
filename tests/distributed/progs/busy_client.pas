{ Calls busy.spin with the number of seconds it reads. }
program BusyClient;
var s: integer;
function spin(seconds: integer): integer; external 'busy';
begin
  readln(s);
  writeln('answer ', spin(s));
end.
