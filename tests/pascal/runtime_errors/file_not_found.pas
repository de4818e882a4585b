{ runtime-error: 9: file not found }
program FileNotFound;
{ Opening a file that does not exist for reading stops the program. }
var
  f: text;
begin
  writeln('opening');
  assign(f, 'no-such-file.txt');
  reset(f);
  writeln('not reached');
end.
