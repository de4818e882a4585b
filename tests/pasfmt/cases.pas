{ Expected outputs for dvm's stdlib/pasfmt (fpc's number formatting and parsing).
  Built and run by regen.sh with fpc 3.2.2; its output is cases.out, which
  tests/unit/test_pasfmt.cpp replays case by case.

  Output lines (doubles and strings are given as hex so that nothing is lost):
    R <bits> <w> <d> |<write(r:w:d)>|     w < 0: no width, d < 0: no decimals
    S <bits> <w> <d> |<str(r:w:d, s)>|
    I <value> <w> |<write(i:w)>|
    VI <hex of s or -> <code> <value>     val(s, int64, code)
    VR <hex of s or -> <code> <bits> <o>  val(s, double, code); o = 1: the text is
                                          finite but too big for a double, an
                                          fpc program stops with runtime error 205
                                          (the generator masks that exception)
  An optional first argument sets the number of random doubles (default 3000). }
program cases;
{$mode objfpc}{$Q-}{$R-}

uses
  math;

var
  seed: qword = 88172645463325252;

{ Knuth's MMIX LCG; the high bits are the good ones. }
function next_random: qword;
begin
  seed := seed * qword(6364136223846793005) + qword(1442695040888963407);
  next_random := seed;
end;

{ A random number in 0..n-1 from the high bits. }
function below(n: qword): qword;
begin
  below := (next_random shr 16) mod n;
end;

function hex64(q: qword): string;
const
  digits: string[16] = '0123456789ABCDEF';
var
  i: integer;
begin
  hex64 := '';
  for i := 1 to 16 do
  begin
    hex64 := digits[(q and 15) + 1] + hex64;
    q := q shr 4;
  end;
end;

function bits_of(r: double): qword;
begin
  move(r, bits_of, 8);
end;

function from_bits(q: qword): double;
begin
  move(q, from_bits, 8);
end;

function hex_string(const s: string): ansistring;
const
  digits: string[16] = '0123456789ABCDEF';
var
  i: integer;
begin
  if s = '' then
    exit('-');
  hex_string := '';
  for i := 1 to length(s) do
    hex_string := hex_string + digits[ord(s[i]) shr 4 + 1] + digits[ord(s[i]) and 15 + 1];
end;

procedure emit_real(r: double; w, d: longint);
begin
  write('R ', hex64(bits_of(r)), ' ', w, ' ', d, ' |');
  if w < 0 then
    write(r)
  else if d < 0 then
    write(r: w)
  else
    write(r: w: d);
  writeln('|');
end;

procedure emit_str(r: double; w, d: longint);
var
  s: string;
begin
  if w < 0 then
    str(r, s)
  else if d < 0 then
    str(r: w, s)
  else
    str(r: w: d, s);
  writeln('S ', hex64(bits_of(r)), ' ', w, ' ', d, ' |', s, '|');
end;

procedure emit_int(i: int64; w: longint);
begin
  write('I ', i, ' ', w, ' |');
  if w < 0 then
    write(i)
  else
    write(i: w);
  writeln('|');
end;

procedure emit_val(const s: string);
var
  i: int64;
  r: double;
  x: extended;
  xrec: packed record
    mantissa: qword;
    exponent: word;
  end absolute x;
  code, overflow: longint;
begin
  val(s, i, code);
  writeln('VI ', hex_string(s), ' ', code, ' ', i);
  val(s, x, code);
  val(s, r, code);
  overflow := 0;
  if (xrec.exponent and $7FFF <> $7FFF) and
     (bits_of(r) and $7FFFFFFFFFFFFFFF = $7FF0000000000000) then
    overflow := 1;
  writeln('VR ', hex_string(s), ' ', code, ' ', hex64(bits_of(r)), ' ', overflow);
end;

{ ---- fixed real cases ---- }

const
  n_formats = 58;
  formats: array[1..n_formats, 1..2] of longint = (
    (-1, -1), (0, -1), (1, -1), (2, -1), (5, -1), (7, -1), (8, -1), (9, -1),
    (10, -1), (11, -1), (12, -1), (13, -1), (15, -1), (20, -1), (22, -1), (23, -1),
    (24, -1), (25, -1), (26, -1), (30, -1), (40, -1), (300, -1),
    (0, 0), (0, 1), (0, 2), (0, 3), (0, 4), (0, 5), (0, 6), (0, 10), (0, 14), (0, 15),
    (0, 16), (0, 17), (0, 18), (0, 19), (0, 20), (0, 25), (0, 30), (0, 100), (0, 216),
    (0, 217), (0, 300), (1, 2), (3, 1), (8, 0), (10, 2), (20, 5), (25, 10), (255, 2),
    (256, 2), (300, 3), (3, 65537), (3, 65535), (5, 0), (12, 3), (6, 6), (2, 0));
  { widths beyond 16 bits: fpc's str_real sees them truncated }
  n_big_formats = 3;
  big_formats: array[1..n_big_formats, 1..2] of longint = (
    (32800, -1), (65539, 2), (32768, 2));

procedure fixed_reals;
var
  values: array of double;
  n, i, k: integer;

  procedure add(r: double);
  begin
    if n >= length(values) then
      setlength(values, 2 * n + 16);
    values[n] := r;
    inc(n);
  end;

  procedure add_text(const s: string);
  var
    r: double;
    code: longint;
  begin
    val(s, r, code);
    add(r);
    add(-r);
  end;

const
  texts: array[1..95] of string = (
    '0', '1', '2', '3', '0.5', '1.5', '2.5', '3.5', '4.5', '0.05', '0.15', '0.25', '0.35',
    '0.45', '0.55', '1.005', '1.015', '1.025', '1.035', '2.675', '1.115', '0.125', '0.375',
    '0.0625', '1e15', '1e16', '1e17', '1e18', '1e19', '1e20', '1e21', '1e22', '1e23',
    '1e-5', '1e-10', '1e100', '1e200', '1e250', '1e251', '1e252', '1e253', '1e254',
    '1e255', '1e300', '1e308', '1.7976931348623157e308', '2.2250738585072014e-308',
    '5e-324', '1e-320', '1e-300', '3.141592653589793', '2.718281828459045',
    '0.3333333333333333', '0.6666666666666666', '0.1', '0.2', '0.3', '0.7', '0.9',
    '123456789.125', '99.995', '9.995', '0.995', '0.9995', '999999.5', '9.5', '99.5',
    '0.0005', '0.00049999', '4.35', '4.45', '1234.5678', '9007199254740992',
    '9007199254740993', '9223372036854775808', '18446744073709551616',
    '1e-7', '1.5e-7', '9.999999999999999e22', '0.000001', '1000000', '12345678901234567',
    '0.1234567890123456789', '5e-5', '4.999999999999999', '0.95', '0.0095', '7.0',
    '100', '255.255', '1e-15', '1e-16', '1e-17', '65536.0001', '42.42');
begin
  n := 0;
  setlength(values, 0);
  for i := low(texts) to high(texts) do
    add_text(texts[i]);
  add(from_bits($7FF8000000000000));  { NaN }
  add(from_bits(not qword($0007FFFFFFFFFFFF)));  { -NaN }
  add(from_bits($7FF0000000000000));  { +Inf }
  add(from_bits(not qword($000FFFFFFFFFFFFF)));  { -Inf }
  add(from_bits($0000000000000001));
  add(from_bits($000FFFFFFFFFFFFF));
  add(from_bits($7FEFFFFFFFFFFFFF));
  for i := 0 to n - 1 do
    for k := 1 to n_formats do
      emit_real(values[i], formats[k, 1], formats[k, 2]);
  for k := 1 to n_big_formats do
  begin
    emit_real(values[2], big_formats[k, 1], big_formats[k, 2]);
    emit_real(values[41], big_formats[k, 1], big_formats[k, 2]);
  end;
  for i := 0 to n - 1 do
  begin
    emit_str(values[i], -1, -1);
    emit_str(values[i], 12, -1);
    emit_str(values[i], 0, 3);
    emit_str(values[i], 15, 2);
  end;
end;

{ ---- random reals ---- }

const
  pow10: array[0..9] of double = (1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9);

{ Doubles of several kinds: any bit pattern, decimal fractions (the rounding
  cases), exact ties, moderate magnitudes, integers. }
function random_double(kind: integer): double;
var
  q: qword;
  r: double;
begin
  case kind of
    0: begin
         q := next_random;
         if (q shr 52) and $7FF = $7FF then
           q := q xor (qword(1) shl 62);
         r := from_bits(q);
       end;
    1: r := below(10000000) / pow10[below(10)];
    2: r := (below(100000) * 10 + 5) / pow10[1 + below(7)];
    3: begin
         q := (next_random and $000FFFFFFFFFFFFF) or (qword(1023 - 75 + below(150)) shl 52);
         r := from_bits(q);
       end;
  else
    r := below(qword(1) shl (1 + below(62)));
  end;
  if next_random shr 63 = 1 then
    r := -r;
  random_double := r;
end;

procedure random_reals(count: longint);
var
  i: longint;
  r: double;
begin
  for i := 1 to count do
  begin
    r := random_double(i mod 5);
    emit_real(r, -1, -1);
    emit_real(r, below(31), -1);
    emit_real(r, 0, below(21));
    emit_real(r, below(31), below(21));
  end;
end;

{ ---- integers ---- }

procedure integers;
const
  values: array[1..14] of int64 = (0, 1, -1, 7, -7, 42, -42, 123456789, -123456789,
    high(int64), low(int64), 1000000000000, -999999999999999999, 2147483648);
  widths: array[1..10] of longint = (-1, 0, 1, 2, 3, 5, 10, 19, 20, 25);
var
  i, k: integer;
begin
  for i := low(values) to high(values) do
    for k := low(widths) to high(widths) do
      emit_int(values[i], widths[k]);
end;

{ ---- val ---- }

procedure fixed_vals;
const
  texts: array[1..153] of string = (
    '', ' ', '  ', '0', '1', '-1', '+1', ' 12', '12 ', '1 2', #9'5', ' '#9' 5', '$FF',
    '$ff', '-$FF', '$', '-', '+', '0x1A', '0X1a', 'x10', 'X10', '%101', '%102', '&17',
    '&18', '0x', '00012', '-0', '000', '0000x5', '9223372036854775807',
    '9223372036854775808', '-9223372036854775808', '-9223372036854775809',
    '$7FFFFFFFFFFFFFFF', '$8000000000000000', '$FFFFFFFFFFFFFFFF', '$10000000000000000',
    '-$8000000000000000', '-$FFFFFFFFFFFFFFFF',
    '%1111111111111111111111111111111111111111111111111111111111111111',
    '%11111111111111111111111111111111111111111111111111111111111111111',
    '&1777777777777777777777', '&2000000000000000000000', '18446744073709551615',
    '99999999999999999999', '--1', '+-1', '-+1', '- 1', '12a', 'a12', '1_000', '0'#0'5',
    '5'#0'7', #0, '00'#0, '0.5', '.5', '5.', '.', '-.', '+.', 'e', 'E5', '.e1', '1e', '1e+',
    '1e-', '1e5', '1E5', '1e+5', '1e-5', '1.5e3', '-2e3', '2e-3', ' 1.5', '  -1.5',
    '1.5 ', '1,5', '1.5.5', '1e5.5', 'inf', 'Inf', 'INF', '-inf', '+inf', ' inf',
    'infinity', 'nan', 'NaN', '-nan', 'nan1', 'in', '0x10', '$10', '1e308',
    '1.7976931348623157e308', '1.7976931348623158e308', '1.7976931348623159e308', '2e308',
    '1e309', '4.9406564584124654e-324', '5e-324', '2e-324', '3e-324',
    '2.4703282292062328e-324', '2.4703282292062327e-324', '1e-400', '1e100000',
    '1e-100000', '1e99999', '0e999999', '2.2250738585072014e-308',
    '2.2250738585072011e-308', '0.1000000000000000055511151231257827021181583404541015625',
    '123456789012345678901234567890', '10000000000000000000000000000000000000000',
    '0.00000000000000000000000000000000000000001', '9007199254740993',
    '9007199254740992.5', '2.675', '0.3', '1e23', '8.98846567431158e307', '1e1e1', '1d5',
    '1f', '1e+-5', '1e 5', '1.e5', '.1e5', '00000.00000e5', '1234567890123456789012345678',
    '12345678901234567890123456789', '123456789012345678901234567891',
    '1234567890123456789012345678.5', '1234567890123456789012345678.50000001',
    '0.000000000000000000000000000000000000000000000000000000001e60',
    '1e4931', '1e4932', '1e4933', '1e-4950', '1e-4951', '1e-4952', '1e-5000',
    '3.6451995318824746e-4951', '1.18973149535723176502e+4932', '-0', '-0.0',
    '9999999999999999999999999999999', '0.99999999999999999999999999999');
var
  i: integer;
begin
  for i := low(texts) to high(texts) do
    emit_val(texts[i]);
end;

function int_text(i: int64): string;
begin
  str(i, int_text);
end;

function random_digits(n: integer): string;
var
  i: integer;
begin
  random_digits := '';
  for i := 1 to n do
    random_digits := random_digits + chr(ord('0') + below(10));
end;

procedure random_vals(count: longint);
const
  signs: array[0..3] of string = ('', '', '-', '+');
  prefixes: array[0..5] of string = ('', '', '', '$', '%', '&');
var
  i: longint;
  s, ss: string;
  r: double;
begin
  for i := 1 to count do
  begin
    { decimal numbers: digits, dot, exponent }
    s := signs[below(4)] + random_digits(below(25));
    if below(3) > 0 then
      s := s + '.' + random_digits(below(25));
    if below(2) = 0 then
      s := s + 'e' + signs[below(4)] + int_text(below(700));
    emit_val(s);
    { round trips of what str prints }
    r := random_double(i mod 5);
    str(r, ss);
    emit_val(ss);
    str(r: 0: below(20), ss);
    emit_val(ss);
    { integers with prefixes, near the int64 limits }
    s := signs[below(4)] + prefixes[below(6)] + random_digits(1 + below(21));
    emit_val(s);
  end;
end;

var
  count: longint;
  code: longint;
begin
  { fpc stops on a val that overflows a double; record it instead }
  SetExceptionMask(GetExceptionMask + [exOverflow]);
  count := 3000;
  if paramcount >= 1 then
    val(paramstr(1), count, code);
  fixed_reals;
  random_reals(count);
  integers;
  fixed_vals;
  random_vals(count div 3);
end.
