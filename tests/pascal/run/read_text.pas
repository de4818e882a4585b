program ReadText;
{ Reading text: readln into strings, read char by char with eoln/eof, counting lines,
  words and characters; read of a char at the end of a line gives the newline. }
var
  s: string;
  c: char;
  lines, chars, words, i: integer;
  inword: boolean;
begin
  readln(s);
  writeln('first line: [', s, '] length ', length(s));
  read(c);
  write('chars of line 2:');
  while not eoln do
  begin
    write(' ', c);
    read(c);
  end;
  writeln(' ', c);
  read(c);
  writeln('the newline itself: ', ord(c));
  lines := 0; chars := 0; words := 0;
  while not eof do
  begin
    lines := lines + 1;
    inword := false;
    while not eoln do
    begin
      read(c);
      chars := chars + 1;
      if c = ' ' then inword := false
      else if not inword then
      begin
        inword := true;
        words := words + 1;
      end;
    end;
    readln;
  end;
  writeln(lines, ' lines, ', words, ' words, ', chars, ' chars');
  s := '';
  for i := 1 to 3 do s := s + '-';
  writeln(s, ' eof=', eof, ' eoln=', eoln);
end.
