program HeaderWithFiles(input, output);
{ A program header naming input and output; reads nothing (stdin is empty). }
var
  i: integer;
begin
  for i := 1 to 3 do
    writeln('line ', i);
  write('no newline then ');
  writeln;
  if eof then writeln('input is empty');
  if eoln then writeln('eoln at the end of input');
  flush(output);
end.
