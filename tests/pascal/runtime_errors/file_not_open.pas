{ runtime-error: 9: file not open for output }
program FileNotOpen;
{ Writing to a text file that was assigned but never opened. }
var
  f: text;
begin
  assign(f, 'out.txt');
  writeln('before');
  writeln(f, 'x');
end.
