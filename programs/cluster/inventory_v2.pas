{ Version 2: a stock line counts what it reserved (the stock is kept: the
  record gains a field, mapped by the obvious mapping), a request for
  nothing or less is refused (-2), and stock can be refilled. }
program Inventory;
type
  TLine = record
    item: string;
    qty: integer;
    reserved: integer;
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

{$dvm export}
function reserve(item: string; qty: integer): integer;
var k: integer;
begin
  k := find(item);
  if qty <= 0 then
    reserve := -2
  else if (k = 0) or (lines[k].qty < qty) then
    reserve := -1
  else begin
    lines[k].qty := lines[k].qty - qty;
    lines[k].reserved := lines[k].reserved + qty;
    reserve := lines[k].qty;
  end;
end;

{ Puts qty of item back in stock: what there is now (-1: unknown item). }
{$dvm export}
function restock(item: string; qty: integer): integer;
var k: integer;
begin
  k := find(item);
  if k = 0 then
    restock := -1
  else begin
    lines[k].qty := lines[k].qty + qty;
    restock := lines[k].qty;
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
