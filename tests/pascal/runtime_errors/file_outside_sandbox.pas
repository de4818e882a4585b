{ runtime-error: 10: file access denied }
program FileOutsideSandbox;
{ A program opens files only below the directory it runs in: a name that
  climbs out with '..' (or an absolute one) is refused. }
var
  f: text;
begin
  assign(f, '../escape.txt');
  writeln('assigned');
  rewrite(f);
  writeln(f, 'never written');
end.
