program Pricing;
{$dvm export}
function price(item: string; qty: integer): integer;
begin
  price := length(item) * qty * 100;
end;

{ Callers compiled against price(item) are served through this. }
{$dvm interprocedure price}
function price_v1(item: string): integer;
begin
  price_v1 := price(item, 1) + 7;
end;
begin
  serve;
end.
