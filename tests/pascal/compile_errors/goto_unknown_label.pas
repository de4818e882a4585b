{ error-line: 9 }
{ error-match: unknown label '20' }
program GotoUnknownLabel;
label 10;
begin
10:
  writeln('a');
  { 20 was never declared }
  goto 20;
end.
