program StringProc;
{ String processing: word splitting, reversing words, palindromes, Caesar cipher,
  run-length encoding, replacing substrings, trimming, counting occurrences. }
var
  s, t: string;
  i: integer;

function Trim(const s: string): string;
var
  a, b: integer;
begin
  a := 1;
  b := length(s);
  while (a <= b) and (s[a] = ' ') do inc(a);
  while (b >= a) and (s[b] = ' ') do dec(b);
  Trim := copy(s, a, b - a + 1);
end;

function ReverseWords(s: string): string;
var
  w: string;
  p: integer;
begin
  Result := '';
  s := Trim(s);
  while s <> '' do
  begin
    p := pos(' ', s);
    if p = 0 then
    begin
      w := s;
      s := '';
    end
    else
    begin
      w := copy(s, 1, p - 1);
      delete(s, 1, p);
      s := Trim(s);
    end;
    if Result = '' then Result := w else Result := w + ' ' + Result;
  end;
end;

function IsPalindrome(const s: string): boolean;
var
  clean: string;
  i: integer;
begin
  clean := '';
  for i := 1 to length(s) do
    if (upcase(s[i]) >= 'A') and (upcase(s[i]) <= 'Z') then clean := clean + upcase(s[i]);
  Result := true;
  for i := 1 to length(clean) div 2 do
    if clean[i] <> clean[length(clean) - i + 1] then exit(false);
end;

function Caesar(const s: string; k: integer): string;
var
  i: integer;
  c: char;
begin
  Result := s;
  for i := 1 to length(s) do
  begin
    c := s[i];
    if (c >= 'a') and (c <= 'z') then
      Result[i] := chr((ord(c) - ord('a') + k + 26) mod 26 + ord('a'))
    else if (c >= 'A') and (c <= 'Z') then
      Result[i] := chr((ord(c) - ord('A') + k + 26) mod 26 + ord('A'));
  end;
end;

function RLE(const s: string): string;
var
  i, run: integer;
  num: string;
begin
  Result := '';
  i := 1;
  while i <= length(s) do
  begin
    run := 1;
    while (i + run <= length(s)) and (s[i + run] = s[i]) do inc(run);
    str(run, num);
    if run > 1 then Result := Result + num;
    Result := Result + s[i];
    i := i + run;
  end;
end;

function ReplaceAll(s: string; const pat, rep: string): string;
var
  p: integer;
begin
  Result := '';
  p := pos(pat, s);
  while p > 0 do
  begin
    Result := Result + copy(s, 1, p - 1) + rep;
    delete(s, 1, p + length(pat) - 1);
    p := pos(pat, s);
  end;
  Result := Result + s;
end;

function CountOf(const pat, s: string): integer;
var
  i: integer;
begin
  CountOf := 0;
  for i := 1 to length(s) - length(pat) + 1 do
    if copy(s, i, length(pat)) = pat then inc(CountOf);
end;

begin
  s := '   the quick  brown fox   ';
  writeln('[', Trim(s), ']');
  writeln('[', ReverseWords(s), ']');
  writeln(IsPalindrome('A man, a plan, a canal: Panama'), ' ', IsPalindrome('Hello'));
  t := Caesar('Hello, World!', 3);
  writeln(t, ' ', Caesar(t, -3));
  writeln(RLE('aaabccddddde'), ' ', RLE('abc'), ' ', RLE(''));
  writeln(ReplaceAll('one fish two fish red fish', 'fish', 'cat'));
  writeln(ReplaceAll('aaaa', 'aa', 'b'), ' ', CountOf('aa', 'aaaa'), ' ', CountOf('fish', 'fishfish'));
  t := '';
  for i := 1 to 26 do t := t + chr(ord('a') + i - 1);
  writeln(t, ' ', length(t), ' ', upcase(copy(t, 24, 3)));
  writeln(pos('xyz', t), ' ', pos('zz', t));
end.
