program Matrix;
{ Matrix code: integer multiplication and transpose with m[i, j], powers of a matrix,
  a real determinant by Gaussian elimination, solving a linear system. }
const
  N = 3;
type
  TMat = array[1..N, 1..N] of integer;
  TRMat = array[1..4, 1..4] of real;
  TVec = array[1..4] of real;
var
  a, b, c: TMat;
  rm: TRMat;
  rhs, sol: TVec;
  i, j: integer;

procedure Mul(const x, y: TMat; var z: TMat);
var
  i, j, k, s: integer;
begin
  for i := 1 to N do
    for j := 1 to N do
    begin
      s := 0;
      for k := 1 to N do s := s + x[i, k] * y[k][j];
      z[i][j] := s;
    end;
end;

procedure Print(const m: TMat);
var
  i, j: integer;
begin
  for i := 1 to N do
  begin
    for j := 1 to N do write(m[i, j]:6);
    writeln;
  end;
end;

procedure Transpose(var m: TMat);
var
  i, j, t: integer;
begin
  for i := 1 to N do
    for j := i + 1 to N do
    begin
      t := m[i, j]; m[i, j] := m[j, i]; m[j, i] := t;
    end;
end;

function Det(m: TRMat; size: integer): real;
var
  i, j, k, p: integer;
  d, f, t: real;
begin
  d := 1;
  for i := 1 to size do
  begin
    p := i;
    for k := i + 1 to size do
      if abs(m[k, i]) > abs(m[p, i]) then p := k;
    if abs(m[p, i]) < 1e-12 then exit(0);
    if p <> i then
    begin
      for j := 1 to size do
      begin
        t := m[i, j]; m[i, j] := m[p, j]; m[p, j] := t;
      end;
      d := -d;
    end;
    d := d * m[i, i];
    for k := i + 1 to size do
    begin
      f := m[k, i] / m[i, i];
      for j := i to size do m[k, j] := m[k, j] - f * m[i, j];
    end;
  end;
  Det := d;
end;

procedure Solve(m: TRMat; v: TVec; var x: TVec);
var
  i, j, k: integer;
  f, s: real;
begin
  for i := 1 to 4 do
    for k := i + 1 to 4 do
    begin
      f := m[k, i] / m[i, i];
      for j := i to 4 do m[k, j] := m[k, j] - f * m[i, j];
      v[k] := v[k] - f * v[i];
    end;
  for i := 4 downto 1 do
  begin
    s := v[i];
    for j := i + 1 to 4 do s := s - m[i, j] * x[j];
    x[i] := s / m[i, i];
  end;
end;

begin
  for i := 1 to N do
    for j := 1 to N do
    begin
      a[i, j] := i + 2 * j - 3;
      if i = j then b[i, j] := 2 else b[i, j] := 0;
    end;
  b[1, 3] := 1;
  Print(a);
  Mul(a, b, c);
  writeln('a * b');
  Print(c);
  Transpose(c);
  writeln('transposed');
  Print(c);
  c := a;
  for i := 1 to 4 do
  begin
    Mul(c, a, b);
    c := b;
  end;
  writeln('a^5');
  Print(c);
  for i := 1 to 4 do
    for j := 1 to 4 do
      if i = j then rm[i, j] := 4 else rm[i, j] := 1 / (i + j);
  writeln('det ', Det(rm, 4):0:6, ' ', Det(rm, 2):0:6);
  rm[2, 2] := 0; rm[1, 1] := 0;
  writeln('det ', Det(rm, 4):0:6);
  for i := 1 to 4 do
    for j := 1 to 4 do
      if i = j then rm[i, j] := 10 else rm[i, j] := i - j;
  for i := 1 to 4 do rhs[i] := i;
  Solve(rm, rhs, sol);
  for i := 1 to 4 do write(sol[i]:10:5);
  writeln;
end.
