{ A service: every executed call is logged (flushed, so a killed node loses no line). }
program Inventory;
var calls: integer;

{$dvm export}
function reserve(client: integer; seq: integer; item: string): integer;
begin
  calls := calls + 1;
  writeln('exec ', client, ' ', seq);
  flush(output);
  if item = 'boom' then reserve := seq div (calls - calls)
  else reserve := seq * 10 + 1;
end;

begin
  serve;
end.
