{ dvm-options: --memory=1M }
{ Nested dynamic arrays and arrays of strings made and dropped 20000 times in 1 MB:
  an array freed with its last reference releases its strings and inner arrays. }
program dynamic_arrays_released;
type TGrid = array of array of integer; TNames = array of string;
  TDeep = array of array of array of string;
var k, i, s: integer; g: TGrid; n: TNames; d: TDeep;
function grid(r, c: integer): TGrid;
var i: integer;
begin
  SetLength(Result, r);
  for i := 0 to r - 1 do begin SetLength(Result[i], c); Result[i][c - 1] := i; end;
end;
begin
  s := 0;
  for k := 1 to 20000 do
  begin
    g := grid(10, 10);
    s := s + g[9][9];
    SetLength(n, 5);
    for i := 0 to 4 do n[i] := 'item' + chr(65 + (k + i) mod 26);
    n := Copy(n, 1, 3);
    s := s + Length(n[0]);
    SetLength(d, 2);
    SetLength(d[1], 2);
    SetLength(d[1][1], 2);
    d[1][1][1] := n[2] + n[1];
    s := s + Length(d[1][1][1]);
    d := nil;
  end;
  writeln(s);
end.
