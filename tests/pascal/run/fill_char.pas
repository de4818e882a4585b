program fill_char;
{ FillChar on arrays and records: zeroing, byte patterns in wider integers,
  chars, a prefix, a count of 0 or below (nothing), arrays of records, 2-D arrays. }
type
  TRec = record a: longint; b: byte; c: char; flag: boolean; end;
var
  ai: array[1..4] of longint;
  ac: array[0..9] of char;
  bytes: array[1..6] of byte;
  r: TRec;
  rs: array[1..2] of TRec;
  grid: array[1..3, 1..3] of integer;
  i, j: integer;
begin
  FillChar(ai, SizeOf(ai), 0);
  for i := 1 to 4 do write(ai[i], ' ');
  writeln;
  FillChar(ai, SizeOf(ai), 1);
  for i := 1 to 4 do write(ai[i], ' ');
  writeln;
  FillChar(ac, SizeOf(ac), 'x');
  for i := 0 to 9 do write(ac[i]);
  writeln;
  FillChar(ac, 3, '-');
  for i := 0 to 9 do write(ac[i]);
  writeln;
  FillChar(bytes, SizeOf(bytes), 255);
  FillChar(bytes, 0, 7);
  FillChar(bytes, -5, 7);
  for i := 1 to 6 do write(bytes[i], ' ');
  writeln;
  FillChar(r, SizeOf(r), 0);
  writeln(r.a, ' ', r.b, ' ', ord(r.c), ' ', r.flag);
  FillChar(rs, SizeOf(rs), 2);
  writeln(rs[2].a, ' ', rs[2].b, ' ', ord(rs[1].c));
  FillChar(grid, SizeOf(grid), 0);
  grid[2, 2] := 5;
  for i := 1 to 3 do begin for j := 1 to 3 do write(grid[i, j]); writeln; end;
end.
