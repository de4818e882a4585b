{ fpc's aliases on x86-64: ansichar is char, nativeint/sizeint/ptrint are
  int64, nativeuint/sizeuint/ptruint are qword, shortstring is string[255]. }
program fpc_type_aliases;
var
  c: ansichar;
  n: nativeint;
  sz: sizeint;
  u: nativeuint;
  s: shortstring;
  long: ansistring;
  i: integer;
begin
  c := 'x';
  n := -5;
  sz := high(sizeint);
  u := high(nativeuint);
  s := 'hello';
  writeln(c, ' ', ord(c), ' ', n, ' ', sz, ' ', u);
  writeln(s, ' ', length(s));
  long := '';
  for i := 1 to 300 do long := long + chr(ord('a') + i mod 26);
  s := long;
  writeln(length(long), ' ', length(s), ' ', copy(s, 250, 6));
  u := 0;
  u := u - 1;
  writeln(u);
end.
