program format_dynamic;
{ Format with formats known only when the program runs: from arrays, built
  by concatenation, returned by functions; '*' widths; fpc's reading of odd
  specifications (unknown conversions show nothing, '%:d' is index 0, a
  number before '-' is the width); arguments of every kind. }
uses sysutils;
const
  Formats: array[0..5] of string = ('%d', '%5d|%-5d|', '%.3f', '%8.2e', '%s=%s', '%1:s %0:s');
var
  f, s: string;
  i: integer;
  x: real;
  q: qword;
  c: char;
  b: byte;

function Pick(k: integer): string;
begin
  Pick := Formats[k];
end;

procedure T(const f: string);
begin
  writeln('[', Format(f, [1, 2, 3]), ']');
end;

begin
  writeln(Format(Formats[0], [42]));
  writeln(Format(Formats[1], [7, -7]));
  writeln(Format(Formats[2], [3.14159]));
  writeln(Format(Formats[3], [1234.5]));
  writeln(Format(Formats[4], ['key', 'value']));
  writeln(Format(Formats[5], ['a', 'b']));
  for i := 1 to 3 do
  begin
    f := '%' + IntToStr(i * 3) + 'd|';
    writeln(Format(f, [i * 111]));
  end;
  f := '%*d|%-*s|%.*f';
  writeln(Format(f, [6, 42, 4, 'ab', 3, 2.0]));
  x := 1234567.891;
  writeln(Format('%' + 'n', [x]), ' ', Format(Pick(2), [x]));
  q := 18446744073709551615;
  f := '%u %x %.10d %g';
  x := 0.1;
  writeln(Format(f, [q, 255, 12345, x]));
  c := 'z'; b := 200;
  s := 'Name: %-10s Age: %3d %s %d%%';
  writeln(Format(s, ['Bob', 30, c, b]));
  writeln(Format(s + '!', ['Alice', 4, 'x', 1]));
  f := 'no conversions';
  writeln(Format(f, []));
  writeln(Format(f, [1, 2]));
  f := '%.2s|%5.1s|%x';
  writeln(Format(f, ['abcdef', 'xyz', 48879]));
  f := '%f %e';
  writeln(Format(f, [-0.001, -0.0]));
  T('a%qb%d');
  T('a%');
  T('%q%q%d');
  T('%5q|');
  T('%c');
  T('%5%|');
  T('%*%%d');
  T('%1:q%d');
  T('%1:%%d');
  T('x%-3%|');
  T('%:d');
  T('%.1:d');
  T('%5-d|');
  T('%*:d%d');
  T('% d');
  T('%%');
  T('%*.*d|');
  T('%-*d|');
  T('%.*d');
  T('%2:d');
  T('%.d|%.0d');
  T('%D %X %U');
end.
