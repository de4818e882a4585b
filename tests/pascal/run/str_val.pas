program StrVal;
{ str and val: numbers to strings with and without field widths, strings to numbers with
  the error position. }
var
  s: string;
  i, code: integer;
  r: real;
begin
  str(42, s); writeln('[', s, ']');
  str(-42:6, s); writeln('[', s, ']');
  str(0, s); writeln('[', s, ']');
  r := 3.14159;
  str(r:0:2, s); writeln('[', s, ']');
  str(r:10:4, s); writeln('[', s, ']');
  r := -0.5;
  str(r:6:1, s); writeln('[', s, ']');
  val('123', i, code); writeln(i, ' ', code);
  val('-77', i, code); writeln(i, ' ', code);
  val('12x4', i, code); writeln(code);
  val('', i, code); writeln(code);
  val('abc', i, code); writeln(code);
  val('2.5', r, code); writeln(r:0:3, ' ', code);
  val('-1e3', r, code); writeln(r:0:1, ' ', code);
  val('1.5.5', r, code); writeln(code);
  s := '';
  for i := 1 to 5 do
  begin
    str(i * i, s);
    write(s, ';');
  end;
  writeln;
  i := 0;
  s := '100';
  val(s, i, code);
  str(i * 2, s);
  writeln(s + '!', ' ', length(s));
end.
