{ error-line: 13 }
{ error-match: goto into a structured statement }
{ dvm-only: ISO 7185 (6.8.1) forbids jumping into a loop; fpc accepts it, and the loop then runs with a limit that was never set }
program GotoIntoLoop;
label inside;
var
  i: integer;
begin
  for i := 1 to 3 do
  begin
inside: writeln(i);
  end;
  goto inside;
end.
