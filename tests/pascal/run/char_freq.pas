program CharFreq;
{ Reads a text from standard input and reports letter frequencies (a char-indexed array),
  the longest line, and a histogram. }
var
  freq: array['a'..'z'] of integer;
  c, lc: char;
  line, longest: string;
  total, lines, i, maxf: integer;
begin
  for c := 'a' to 'z' do freq[c] := 0;
  total := 0;
  lines := 0;
  longest := '';
  while not eof do
  begin
    readln(line);
    inc(lines);
    if length(line) > length(longest) then longest := line;
    for i := 1 to length(line) do
    begin
      lc := line[i];
      if (lc >= 'A') and (lc <= 'Z') then lc := chr(ord(lc) + 32);
      if (lc >= 'a') and (lc <= 'z') then
      begin
        inc(freq[lc]);
        inc(total);
      end;
    end;
  end;
  writeln(lines, ' lines, ', total, ' letters');
  writeln('longest: ', longest);
  maxf := 0;
  for c := 'a' to 'z' do
    if freq[c] > maxf then maxf := freq[c];
  for c := 'a' to 'z' do
    if freq[c] > 0 then
    begin
      write(c, ' ', freq[c]:3, ' ', 100 * freq[c] / total:5:1, '% ');
      for i := 1 to (freq[c] * 30) div maxf do write('*');
      writeln;
    end;
end.
