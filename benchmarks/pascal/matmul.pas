{ matmul: multiply two 550x550 matrices of reals (naive i-j-k triple loop), then sum
  the product and its squares. Measures real arithmetic and two-dimensional array
  indexing. The entries are multiples of 1/8 so every sum is exact and all languages
  agree bit for bit. }
program matmulbench;

const
  N = 550;

type
  Matrix = array[1..N, 1..N] of real;

var
  a, b, c: Matrix;
  i, j, k: integer;
  s, total, squares, scale: real;

begin
  for i := 1 to N do
    for j := 1 to N do
    begin
      s := (i * 7 + j * 3) mod 17 - 8;
      a[i, j] := s / 8.0;
      s := (i * 5 + j * 11) mod 13 - 6;
      b[i, j] := s / 8.0;
    end;
  for i := 1 to N do
    for j := 1 to N do
    begin
      s := 0.0;
      for k := 1 to N do
        s := s + a[i, k] * b[k, j];
      c[i, j] := s;
    end;
  total := 0.0;
  squares := 0.0;
  for i := 1 to N do
    for j := 1 to N do
    begin
      total := total + c[i, j];
      squares := squares + c[i, j] * c[i, j];
    end;
  scale := 64.0;
  writeln(trunc(total * scale), ' ', trunc(squares), ' ', trunc(c[N, N] * scale));
end.
