program TextFiles;
{ Text files: rewrite, writeln with widths, append, reset, readln of numbers
  and strings, eof and eoln, close; a file passed as a var parameter. }
var
  f, g: text;
  name: string;
  score, total, count: integer;
  avg: real;
  c: char;

procedure WriteScore(var t: text; const who: string; points: integer);
begin
  writeln(t, who, ' ', points:4);
end;

begin
  assign(f, 'scores.txt');
  rewrite(f);
  WriteScore(f, 'ann', 31);
  WriteScore(f, 'bob', 7);
  write(f, 'cy');
  writeln(f, ' ', 120);
  close(f);
  append(f);
  writeln(f, 'dee ', 2.5:0:1);
  close(f);
  assign(g, 'scores.txt');
  reset(g);
  total := 0;
  count := 0;
  while not eof(g) do
  begin
    name := '';
    read(g, c);
    while c <> ' ' do
    begin
      name := name + c;
      read(g, c);
    end;
    if name = 'dee' then
    begin
      readln(g, avg);
      writeln('dee has ', avg:0:2);
    end
    else
    begin
      read(g, score);
      writeln(name, ': ', score, ' eoln=', eoln(g));
      readln(g);
      total := total + score;
      count := count + 1;
    end;
  end;
  close(g);
  writeln('total ', total, ' over ', count);
end.
