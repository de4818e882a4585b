{ mandel: escape-time iteration over an 800x800 grid of the Mandelbrot set, up to 300
  iterations per point. Measures real arithmetic and comparisons in a tight loop with an
  integer counter. Prints the number of points inside the set and the total iterations. }
program mandelbench;

const
  SIZE = 800;
  MAXITER = 300;

var
  x, y, it, inside, total: integer;
  fx, fy, fsize, cr, ci, zr, zi, t: real;

begin
  inside := 0;
  total := 0;
  fsize := SIZE;
  for y := 0 to SIZE - 1 do
  begin
    fy := y;
    ci := fy * 2.0 / fsize - 1.0;
    for x := 0 to SIZE - 1 do
    begin
      fx := x;
      cr := fx * 3.0 / fsize - 2.0;
      zr := 0.0;
      zi := 0.0;
      it := 0;
      while (it < MAXITER) and (zr * zr + zi * zi <= 4.0) do
      begin
        t := zr * zr - zi * zi + cr;
        zi := 2.0 * zr * zi + ci;
        zr := t;
        it := it + 1;
      end;
      if it = MAXITER then
        inside := inside + 1;
      total := total + it;
    end;
  end;
  writeln(inside, ' ', total);
end.
