program Chars;
{ char values: ord, chr, succ, pred, upcase, comparisons, char-indexed arrays, loops
  over chars. }
var
  c, d: char;
  counts: array['a'..'z'] of integer;
  table: array[char] of boolean;
  s: string;
  i: integer;
begin
  c := 'A';
  writeln(c, ' ', ord(c), ' ', chr(ord(c) + 2), ' ', succ(c), ' ', pred('z'));
  writeln(upcase('q'), upcase('Q'), upcase('5'), upcase('-'));
  writeln('a' < 'b', ' ', 'Z' < 'a', ' ', c = 'A', ' ', c <> 'a', ' ', '0' <= '9');
  for c := 'a' to 'f' do write(c);
  writeln;
  for c := 'Z' downto 'U' do write(c, ' ');
  writeln;
  for c := 'a' to 'z' do counts[c] := 0;
  s := 'the quick brown fox jumps over the lazy dog';
  for i := 1 to length(s) do
    if (s[i] >= 'a') and (s[i] <= 'z') then
      counts[s[i]] := counts[s[i]] + 1;
  for c := 'a' to 'z' do
    if counts[c] > 1 then write(c, '=', counts[c], ' ');
  writeln;
  for c := #0 to #255 do table[c] := false;
  table['x'] := true;
  table[#200] := true;
  i := 0;
  for c := low(char) to high(char) do
    if table[c] then i := i + 1;
  writeln('marked ', i, ' ', ord(low(char)), ' ', ord(high(char)));
  d := chr(48);
  for i := 0 to 9 do write(chr(ord(d) + i));
  writeln;
  c := 'm';
  writeln(ord(c) - ord('a') + 1, ' ', chr(ord('a') + (ord(c) - ord('a') + 13) mod 26));
  writeln(c:3, '|', 'xy':5, '|', #33:1, '|');
  c := #9;
  writeln('[', c, ']', ord(c));
  s := '';
  for c := 'a' to 'e' do s := s + upcase(c) + c;
  writeln(s);
end.
