{ error-line: 15 }
{ error-match: label 'retry' is used (goto on line 12) but never defined }
program GotoLabelNeverDefined;
label retry, unused;
var
  n: integer;
begin
  n := 0;
  while n < 3 do
  begin
    n := n + 1;
    if n = 2 then goto retry;
  end;
  writeln(n);
end.
