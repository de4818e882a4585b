program Bitwise;
{ and, or, xor, not on integers, shl, shr (on non-negative values), $hex literals. }
var
  a, b, i, mask, bits: integer;
begin
  a := $F0; b := $3C;
  writeln(a and b, ' ', a or b, ' ', a xor b, ' ', not a, ' ', not 0, ' ', not -1);
  writeln(1 shl 10, ' ', 1024 shr 3, ' ', $7FFF shr 4, ' ', 3 shl 4, ' ', 255 shr 8);
  writeln(-8 and 7, ' ', -8 or 3, ' ', -1 xor 5, ' ', 12 and not 4);
  mask := 0;
  for i := 0 to 9 do
    if odd(i) then mask := mask or (1 shl i);
  writeln('mask ', mask);
  bits := 0;
  i := mask;
  while i <> 0 do
  begin
    bits := bits + (i and 1);
    i := i shr 1;
  end;
  writeln('bits ', bits);
  { binary printing }
  a := 181;
  for i := 7 downto 0 do
    write((a shr i) and 1);
  writeln;
  { swap with xor }
  a := 12345; b := 678;
  a := a xor b; b := a xor b; a := a xor b;
  writeln(a, ' ', b);
  writeln($1000 shr 12, ' ', $ABCD and $FF, ' ', ($ABCD shr 8) and $FF);
end.
