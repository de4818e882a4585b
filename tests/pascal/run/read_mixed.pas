program ReadMixed;
{ Mixed reads: readln with several variables of different types (the rest of the line is
  skipped), strings read up to the end of the line, reals in several notations. }
type
  TItem = record
    qty: integer;
    price: real;
    name: string;
  end;
var
  items: array[1..10] of TItem;
  n, i: integer;
  a, b: integer;
  r: real;
  total: real;
  c1, c2: char;
begin
  readln(a, b);
  writeln('a=', a, ' b=', b, ' a*b=', a * b);
  read(c1, c2);
  readln;
  writeln('chars [', c1, '][', c2, ']');
  readln(n);
  total := 0;
  for i := 1 to n do
    with items[i] do
    begin
      read(qty, price);
      readln(name);
      total := total + qty * price;
    end;
  for i := 1 to n do
    with items[i] do
      writeln(qty:3, ' x ', price:7:2, ' ', name);
  writeln('total ', total:0:2);
  while not eof do
  begin
    readln(r);
    writeln(r:0:4, ' ', r);
  end;
end.
