{ Asks a node of stopper to end its program with the status it reads. }
program StopClient;
var code: integer;
function quit(code: integer): integer; external 'stopper';
begin
  readln(code);
  writeln('answer ', quit(code));
end.
