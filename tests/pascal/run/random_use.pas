program RandomUse;
{ random and randomize: only properties are printed (ranges, counts), never the values,
  so the output does not depend on the generator. }
var
  i, v, lo, hi, inrange: integer;
  r: real;
  seen: array[0..9] of boolean;
  distinct: integer;
  okreal: boolean;
begin
  randomize;
  lo := 1000; hi := -1; inrange := 0;
  for i := 1 to 10000 do
  begin
    v := random(10);
    if v < lo then lo := v;
    if v > hi then hi := v;
    if (v >= 0) and (v < 10) then inrange := inrange + 1;
    seen[v] := true;
  end;
  distinct := 0;
  for i := 0 to 9 do
    if seen[i] then distinct := distinct + 1;
  writeln('in range: ', inrange, ' lo ', lo, ' hi ', hi, ' distinct ', distinct);
  okreal := true;
  for i := 1 to 1000 do
  begin
    r := random;
    if (r < 0) or (r >= 1) then okreal := false;
  end;
  writeln('reals in [0,1): ', okreal);
  v := random(1);
  writeln('random(1) = ', v);
  inrange := 0;
  for i := 1 to 1000 do
    begin
      v := random(6) + 1;
      if (v >= 1) and (v <= 6) then inrange := inrange + 1;
    end;
  writeln('dice ok: ', inrange);
end.
