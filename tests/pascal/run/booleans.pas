program Booleans;
{ Boolean operators and printing, with and without field widths. }
var
  p, q, r: boolean;
  i: integer;
begin
  writeln('p     q     and   or    xor   not p');
  for i := 0 to 3 do
  begin
    p := i div 2 = 1;
    q := odd(i);
    writeln(p:5, ' ', q:5, ' ', (p and q):5, ' ', (p or q):5, ' ', (p xor q):5, ' ', (not p):5);
  end;
  r := (3 < 5) and not (2 > 8);
  writeln(r);
  writeln(true, false, ' ', true:1, '|', false:8, '|');
  r := false;
  writeln(r = false, ' ', true > false, ' ', false < true, ' ', ord(true), ' ', ord(false));
  writeln(succ(false), ' ', pred(true));
  p := true; q := false;
  if p and not q then writeln('p and not q');
  if not (p and q) = (not p or not q) then writeln('de Morgan holds');
  r := (p or q) and (p xor q);
  writeln('r = ', r);
  writeln(low(boolean), ' ', high(boolean));
end.
