program StringsBasic;
{ string operations: +, comparisons, s[i] read and write, length, copy, pos, concat,
  insert, delete, upcase, string[N]. }
var
  s, t, u: string;
  short: string[5];
  i: integer;
begin
  s := 'Hello';
  t := 'World';
  u := s + ', ' + t + '!';
  writeln(u, ' ', length(u));
  writeln(s[1], s[length(s)], ' ', u[7]);
  s[1] := 'J';
  writeln(s);
  writeln('abc' < 'abd', ' ', 'abc' < 'ab', ' ', 'Zebra' < 'apple', ' ', 'same' = 'same');
  writeln('abc' > 'ABC', ' ', 'abc' <= 'abc', ' ', 'b' >= 'abc', ' ', s <> t);
  writeln(copy(u, 1, 5), '|', copy(u, 8, 5), '|', copy(u, 10, 100), '|', copy(u, 50, 2), '|', copy(u, 3, 0), '|');
  writeln(pos('World', u), ' ', pos('o', u), ' ', pos('xyz', u), ' ', pos('d!', u), ' ', pos(t, u));
  writeln(concat('a', 'b', 'cd'), ' ', concat(s, t));
  t := 'abcdef';
  insert('XY', t, 3);
  writeln(t);
  insert('<', t, 1);
  insert('>', t, length(t) + 1);
  writeln(t);
  delete(t, 1, 1);
  writeln(t);
  delete(t, 3, 2);
  writeln(t);
  delete(t, 4, 100);
  writeln(t);
  delete(t, 10, 1);
  writeln(t);
  writeln(upcase('Mixed Case 123'));
  short := 'abcdefgh';
  writeln(short, ' ', length(short));
  short := 'xy';
  short := short + '1234567';
  writeln(short, ' ', length(short));
  s := '';
  writeln('[', s, '] ', length(s), ' ', s < 'a', ' ', s = '');
  for i := 1 to 5 do s := s + chr(ord('0') + i);
  writeln(s);
  t := s;
  t[1] := '#';
  writeln(s, ' ', t);
  s := 'racecar';
  u := '';
  for i := length(s) downto 1 do u := u + s[i];
  writeln(u = s);
  s := 'a';
  s := s + s; s := s + s; s := s + s;
  writeln(s, ' ', length(s));
  writeln('x':3, 'abc':5, '|', 'toolong':3, '|', s:10, '|');
end.
