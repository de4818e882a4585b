{ sysutils' Format with constant formats: %d %u %x (minimum digits, widths,
  left alignment), %s (strings and chars, widths, truncation), %f %e %g %n
  (default and given precisions, rounding half away from zero, no sign on a
  zero result, thousands separators), argument indexes, %%, upper-case
  conversions, arguments evaluated once and in order. }
program format_strings;
uses sysutils;
var
  i, calls: integer;
  x: real;
  s, line: string;
  c: char;
  big: int64;

function counted(n: integer): integer;
begin
  calls := calls + 1;
  counted := n;
end;

begin
  i := -42; x := 3.14159; s := 'hello'; c := 'Z'; big := 9223372036854775807;
  writeln(Format('[%d] [%5d] [%-5d] [%.5d] [%x] [%.4x] [%u] [%d]', [i, 42, 42, i, 255, 255, 42, big]));
  writeln(Format('[%s] [%8s] [%-8s] [%.3s] [%s] [%2s]', [s, s, s, s, c, s]));
  writeln(Format('[%f] [%.3f] [%8.2f] [%-8.1f] [%.0f] [%f] [%.0f]', [x, x, x, x, 2.5, -0.001, -2.5]));
  writeln(Format('[%e] [%.3e] [%g] [%.3g] [%g] [%g] [%g]', [x, x, x, x, 1e20, 0.0001, 1/3]));
  writeln(Format('[%n] [%.1n] [%n] [%.0n] [%n]', [1234567.891, 1234567.891, -999.5, 999999.5, 12.0]));
  writeln(Format('%d%% done, %1:s then %0:d, then %s', [50, 'x', 'y']));
  writeln(Format('no args', []));
  writeln(Format('%S=%D|%X', ['n', 7, 3054]));
  writeln(Format('[%10.4f] [%e] [%12.3e]', [-x, -12345.678, 0.000123]));
  calls := 0;
  line := Format('%d-%d-%d', [counted(1), counted(2), counted(3)]);
  writeln(line, ' after ', calls, ' calls');
  for i := 1 to 3 do
    writeln(Format('%-6s|%6.2f|%4d', [StringOfChar('*', i), i / 7, i * i * i]));
end.
