{ A caller: reads its id and a call count, then calls inventory.reserve in a
  loop, logging each call before and after. }
program Client;
var me, n, i, r: integer;
function reserve(client: integer; seq: integer; item: string): integer; external 'inventory';
begin
  readln(me, n);
  for i := 1 to n do begin
    writeln('sent ', me, ' ', i);
    flush(output);
    r := reserve(me, i, 'x');
    writeln('got ', me, ' ', i, ' ', r);
    flush(output);
    sleep(20);
  end;
end.
