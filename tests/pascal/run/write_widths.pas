program WriteWidths;
{ write and writeln with field widths for integers, chars, strings, booleans and reals,
  widths narrower than the value, computed widths, and write without a newline. }
var
  i, w: integer;
  r: real;
  s: string;
begin
  writeln(1:5, 22:5, 333:5, 4444:5, 55555:5, 666666:5, '|');
  writeln(-1:5, -22:5, -333:5, -4444:5, -55555:5, '|');
  writeln(0:1, 0:0, 7:0, -7:1, '|');
  writeln('a':1, 'b':2, 'c':3, '|');
  s := 'pascal';
  writeln(s:10, '|', s:6, '|', s:3, '|', s:0, '|');
  writeln(true:6, false:6, '|', true:2, '|');
  r := 3.14159;
  writeln(r:10:2, r:10:4, r:4:2, r:1:1, '|');
  for w := 1 to 6 do writeln(42:w, '|', 'x':w, '|');
  for i := 1 to 4 do
  begin
    w := i * 3;
    writeln(i:w, i * i:w, '|');
  end;
  write('no ');
  write('newline');
  write(' ', 1, ' ', 2.5:0:1, ' ', 'c', ' ', true);
  writeln;
  writeln;
  writeln('after blank line');
  write(-0:3, '|');
  writeln(100000:3, '|');
end.
