program Sets;
{ Sets of enumerations, chars and small ranges: constructors with ranges and
  variables, in, + - *, = <> <= >=, include and exclude, typed constants,
  sets in records and as const parameters, and their sizes (4 or 32 bytes). }
type
  TColor = (red, green, blue, yellow);
  TColors = set of TColor;
  TChars = set of char;
  TSmall = set of 0..31;
  TRec = record name: string; tags: TColors; letters: TChars; end;
const
  Vowels = ['a', 'e', 'i', 'o', 'u'];
  Warm: TColors = [red, yellow];
  Digits: TChars = ['0'..'9'];
var
  cs: TChars;
  c: char;
  colors: TColors;
  small: TSmall;
  i, n: integer;
  r: TRec;
  s: string;
  lo, hi: char;

function CountIn(const set1: TChars; const text: string): integer;
var k: integer;
begin
  Result := 0;
  for k := 1 to length(text) do
    if text[k] in set1 then inc(Result);
end;

procedure Show(cols: TColors);
var col: TColor;
begin
  for col := red to yellow do
    if col in cols then write(ord(col), ' ');
  writeln;
end;

begin
  cs := ['a'..'z', 'A'..'Z'];
  s := 'Hello, World 42!';
  n := 0;
  for i := 1 to length(s) do
    if s[i] in cs then inc(n);
  writeln('letters: ', n, ' vowels: ', CountIn(Vowels, s), ' digits: ', CountIn(Digits, s));
  colors := [green];
  include(colors, blue);
  Show(colors);
  Show(colors + Warm);
  Show(colors * [blue, red]);
  Show([red..yellow] - colors);
  exclude(colors, green);
  Show(colors);
  writeln(colors = [blue], ' ', colors <> [], ' ', [blue] <= colors, ' ', colors >= [blue, red], ' ', [] = colors - [blue]);
  small := [1, 3, 5];
  for i := 0 to 8 do
    if i in small then write(i, ' ');
  writeln;
  small := small + [31];
  writeln(31 in small, ' ', 32 in small, ' ', -1 in small);
  lo := 'c'; hi := 'f';
  cs := [lo..hi, 'x'];
  for c := 'a' to 'z' do
    if c in cs then write(c);
  writeln;
  r.name := 'r';
  r.tags := Warm;
  r.letters := Vowels + ['y'];
  writeln(yellow in r.tags, ' ', 'y' in r.letters, ' ', 'b' in r.letters);
  writeln(sizeof(TChars), ' ', sizeof(TColors), ' ', sizeof(TSmall));
  if not ('q' in Vowels) then writeln('q is no vowel');
end.
