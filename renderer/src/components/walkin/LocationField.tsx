// Where the request is: a point clicked on the map (the map's pick mode, renderer/src/map/pick.ts)
// or the place of a request already registered, found by its address (the core's search).
import { useState } from 'react';
import type { RequestView } from '../../../../common/api/contract';
import { useLocale, useT } from '../../i18n';
import { formatNumber } from '../../i18n/format';
import { useLocationPick } from '../../map/pick';
import { Combobox } from './Combobox';
import { describe, FieldNotes } from './fields';
import { useAddressSearch } from './useAddressSearch';
import type { Problems } from './validate';

const ADDRESS_HITS = 8;

export function LocationField({ problems, onAddress }: { problems: Problems; onAddress(address: string): void }) {
  const t = useT();
  const locale = useLocale();
  const { picking, point } = useLocationPick();
  const [text, setText] = useState('');
  const hits = useAddressSearch(text, ADDRESS_HITS);
  const coordinate = (v: number) => formatNumber(v, locale, 5);
  const pickFrom = (r: RequestView) => {
    useLocationPick.setState({ picking: false, point: { lon: r.lon, lat: r.lat } });
    setText(r.address);
    onAddress(r.address);
  };
  return (
    <fieldset className="walkin__field walkin__location">
      <legend>{t.walkin.location}</legend>
      <div className="walkin__location-row">
        <input
          id="walkin-location"
          readOnly
          aria-label={t.walkin.location}
          data-testid="walkin-location"
          value={point ? t.walkin.picked(coordinate(point.lat), coordinate(point.lon)) : t.walkin.noLocation}
          {...describe('location', problems, picking)}
        />
        <button
          type="button"
          aria-pressed={picking}
          data-testid="walkin-pick"
          onClick={() => useLocationPick.setState({ picking: !picking })}
        >
          {picking ? t.walkin.stopPicking : t.walkin.pickOnMap}
        </button>
      </div>
      <FieldNotes field="location" problems={problems} hint={picking ? t.walkin.picking : undefined} />
      <Combobox
        label={t.walkin.fromAddress}
        testId="walkin-address-search"
        value={text}
        onChange={setText}
        items={hits ?? []}
        itemKey={(r) => r.id}
        renderItem={(r) => (
          <>
            <span dir="auto">{r.address}</span>
            <bdi className="muted">{r.id}</bdi>
          </>
        )}
        onPick={pickFrom}
        placeholder={t.walkin.fromAddressPlaceholder}
        listLabel={t.walkin.addresses}
        noneText={hits ? t.walkin.noAddress : ''}
        aria={{}}
      />
    </fieldset>
  );
}
