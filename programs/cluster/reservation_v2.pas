{ Version 2: bookings are numbered, a negative quantity refills the stock
  (inventory.restock, which only inventory version 2 has: both services are
  updated in one cluster update). }
program Reservation;
var
  item: string;
  qty, left, booked: integer;

function reserve(item: string; qty: integer): integer; external 'inventory';
function restock(item: string; qty: integer): integer; external 'inventory';

begin
  booked := 0;
  while not eof do begin
    { Where the running loop moves to a new version of the front end. }
    {$dvm updatepoint}
    read(qty);
    readln(item);
    item := copy(item, 2, length(item) - 1);
    if qty < 0 then
      writeln('restocked ', item, ': ', restock(item, -qty), ' in that warehouse')
    else begin
      left := reserve(item, qty);
      if left < 0 then
        writeln(item, ': not enough in the warehouse')
      else begin
        booked := booked + 1;
        writeln('booking #', booked, ': ', qty, ' ', item, ', ', left, ' left');
      end;
    end;
  end;
end.
