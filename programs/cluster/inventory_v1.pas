{ A warehouse, service inventory: every node of it keeps its own stock and
  serves the reservation front end's calls. }
program Inventory;
type
  TLine = record
    item: string;
    qty: integer;
  end;
var
  lines: array[1..3] of TLine;

function find(item: string): integer;
var k: integer;
begin
  find := 0;
  for k := 1 to 3 do
    if lines[k].item = item then find := k;
end;

{ Takes qty of item out of stock: what is left, or -1 when there is not enough. }
{$dvm export}
function reserve(item: string; qty: integer): integer;
var k: integer;
begin
  k := find(item);
  if (k = 0) or (lines[k].qty < qty) then
    reserve := -1
  else begin
    lines[k].qty := lines[k].qty - qty;
    reserve := lines[k].qty;
  end;
end;

{ The opening stock.  (main itself never touches the stock, so an update
  that changes its type can commit while main serves.) }
procedure open_stock;
begin
  lines[1].item := 'apple'; lines[1].qty := 100;
  lines[2].item := 'pear'; lines[2].qty := 50;
  lines[3].item := 'plum'; lines[3].qty := 20;
end;

begin
  open_stock;
  serve;
end.
