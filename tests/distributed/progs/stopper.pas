{ A service whose exported procedure may end the program: halt inside a
  served call ends the node, as it would had the program called it itself. }
program Stopper;
var line: string;

{$dvm export}
function quit(code: integer): integer;
begin
  writeln('quitting ', code);
  if code > 0 then halt(code);
  quit := 0;
end;

begin
  readln(line);
  if line = 'serve' then serve;
  writeln('after the halt: ', line);
end.
