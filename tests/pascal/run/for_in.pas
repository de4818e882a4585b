{ for-in loops: over strings, arrays (several element types, open arrays),
  sets (members in order), enumeration and subrange types; break and
  continue; the collection evaluated once. }
program forin;

type
  TColor = (red, green, blue, yellow);
  TDigit = 0..9;
  TPoint = record x, y: integer end;

var
  s, word: string;
  ch: char;
  n, total: integer;
  c: TColor;
  d: TDigit;
  r: real;
  nums: array[1..5] of integer;
  reals: array[0..2] of real;
  words: array[TColor] of string;
  pts: array[1..3] of TPoint;
  p: TPoint;
  vowels: set of char;
  colors: set of TColor;
  calls: integer;

function sum(const a: array of integer): integer;
var x: integer;
begin
  sum := 0;
  for x in a do sum := sum + x
end;

function text: string;
begin
  calls := calls + 1;
  text := 'abc'
end;

begin
  s := 'Hello, world';
  for ch in s do write(ord(ch), ' ');
  writeln;
  total := 0;
  for ch in s do
  begin
    if ch = ',' then continue;
    if ch = 'r' then break;
    total := total + 1
  end;
  writeln('counted ', total);
  for ch in '' do writeln('never');
  calls := 0;
  for ch in text do write(ch);
  writeln(' calls=', calls);

  for n := 1 to 5 do nums[n] := n * n;
  total := 0;
  for n in nums do total := total + n;
  writeln('squares ', total, ' ', sum(nums), ' ', sum([7, 8, 9]));
  reals[0] := 1.5; reals[1] := 2.25; reals[2] := -0.5;
  for r in reals do write(r:0:2, ' ');
  writeln;
  words[red] := 'rot'; words[green] := 'gruen'; words[blue] := 'blau'; words[yellow] := 'gelb';
  for word in words do write(word, ' ');
  writeln;
  for n := 1 to 3 do begin pts[n].x := n; pts[n].y := -n end;
  for p in pts do write('(', p.x, ',', p.y, ')');
  writeln;

  vowels := ['u', 'a', 'o', 'e', 'i'];
  for ch in vowels do write(ch);
  writeln;
  colors := [yellow, red];
  for c in colors do write(ord(c), ' ');
  writeln;
  for c in TColor do write(ord(c));
  writeln;
  for d in TDigit do write(d);
  writeln;
  for ch in ['x'..'z', 'a'] do write(ch);
  writeln;
end.
