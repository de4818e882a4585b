{ error-line: 9 }
{ error-match: label '1' already defined }
program LabelDefinedTwice;
label 1;
begin
1:
  writeln('first');
  writeln('second');
1: writeln('third');
end.
