{ loops: three nested counting loops around integer arithmetic (multiply, add, div, mod)
  and a branch. Measures the interpreter's basic integer instructions and loop overhead. }
program loopsbench;

const
  N = 500;
  MODULUS = 1000003;

var
  i, j, k, t, acc, odds: integer;

begin
  acc := 0;
  odds := 0;
  for i := 1 to N do
    for j := 1 to N do
      for k := 1 to N do
      begin
        t := i * j + k;
        if t mod 3 = 0 then
          acc := (acc * 7 + t div 3) mod MODULUS
        else
          odds := odds + 1;
      end;
  writeln(acc, ' ', odds);
end.
