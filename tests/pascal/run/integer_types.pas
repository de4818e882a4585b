program IntegerTypes;
{$R-} { this program is about wrap-around: no range checks, even in checked builds }
{ fpc's integer types with their sizes and wrap-around (range checks are off,
  as fpc's default): arithmetic happens in 64 bits and a value wraps when it is
  stored; shl/shr work in 32 bits on 32-bit and narrower values; qword is
  unsigned; typecasts wrap; << and >> are shl and shr. }
var
  a, b: longint; c: byte; w: word; s: shortint; q: qword; i64: int64;
  card: cardinal; sm: smallint; lw: longword;
  counts: array[byte] of byte;
  k: integer;
begin
  a := 2147483647; b := 1;
  writeln(a + b);
  a := a + b; writeln(a);
  c := 255; c := c + 1; writeln(c);
  c := 200; writeln(c * 2, ' ', not c, ' ', c shl 1, ' ', c shr 1);
  w := 65535; inc(w); writeln(w);
  s := 127; inc(s); writeln(s);
  card := 0; dec(card); writeln(card);
  q := 0; dec(q); writeln(q, ' ', q div 3, ' ', q mod 7, ' ', q > 5);
  card := 4000000000; writeln(card * 2, ' ', card + 1);
  lw := high(lw); writeln(lw);
  writeln(sizeof(longint), ' ', sizeof(byte), ' ', sizeof(word), ' ', sizeof(qword), ' ',
          sizeof(cardinal), ' ', sizeof(smallint), ' ', sizeof(shortint), ' ', sizeof(int64));
  writeln(high(longint), ' ', low(longint), ' ', high(byte), ' ', high(word), ' ', high(int64), ' ',
          high(qword), ' ', high(cardinal), ' ', low(shortint), ' ', low(smallint));
  i64 := high(int64); writeln(i64 + 1);
  writeln(1 shl 40, ' ', 1 << 3, ' ', 256 >> 2, ' ', -8 div 2);
  a := 1; writeln(a shl 31, ' ', a shl 32, ' ', a shl 40);
  a := -7; writeln(a shr 1, ' ', a div 2, ' ', a mod 3, ' ', not a);
  a := -1; writeln(a shr 28, ' ', a and $FF);
  i64 := -1; writeln(i64 shr 60);
  q := 10; i64 := -3; writeln(q + i64);
  card := 5; a := -10; writeln(card + a, ' ', card - 10);
  w := 3; writeln(w - 5);
  s := -5; writeln(s * 100);
  sm := 32767; sm := sm + 1; writeln(sm);
  q := 18446744073709551615; writeln(q / 2:0:0);
  writeln(byte(300 + a), ' ', shortint(200 + a), ' ', longint(4294967295 + a), ' ', word(a));
  for k := 0 to 999 do inc(counts[k mod 256]);
  writeln(counts[0], ' ', counts[231], ' ', counts[232], ' ', counts[255]);
  c := 250;
  for k := 1 to 10 do inc(c);
  writeln(c);
end.
