/**
 * ISO code lists, embedded rather than taken from Intl: ICU's lists differ between Node builds
 * (small-icu, Electron) and include non-ISO regions, and a verdict must not change with the runtime.
 */

/** ISO 3166-1 alpha-2, the 249 officially assigned codes. */
export const ISO_3166_ALPHA2: ReadonlySet<string> = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
    'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
    'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
    'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ ' +
    'UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

/** Look-alikes partners really send, with what to say about them. */
export const COUNTRY_HINTS: Readonly<Record<string, string>> = {
  UK: 'UK is not an ISO 3166-1 code: the United Kingdom is GB',
  EU: 'EU is an ISO "exceptionally reserved" code, not a country',
  XK: 'XK (Kosovo) is a user-assigned code, not part of ISO 3166-1',
  ZZ: 'ZZ means "unknown region": the sender had no country',
};

/** ISO 4217 active codes (funds and precious metals included: they are valid codes). */
export const ISO_4217: ReadonlySet<string> = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF ' +
    'CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD ' +
    'HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA ' +
    'MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB ' +
    'RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN ' +
    'UYI UYU UYW UZS VED VES VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XUA YER ZAR ZMW ZWG ZWL'
  ).split(' '),
);

export const CURRENCY_HINTS: Readonly<Record<string, string>> = {
  XXX: 'XXX is ISO 4217 for "no currency": the sender had no currency to put here',
  XTS: 'XTS is the ISO 4217 testing code, not a real currency',
  HRK: 'HRK was withdrawn in 2023 (Croatia uses EUR)',
  RUR: 'RUR is the pre-1998 rouble: the current code is RUB',
  BYR: 'BYR was replaced by BYN in 2016',
  VEF: 'VEF was replaced by VES in 2018',
  MRO: 'MRO was replaced by MRU in 2018',
  STD: 'STD was replaced by STN in 2018',
  BTC: 'BTC is not an ISO 4217 code (cryptocurrencies have none)',
  USDT: 'USDT is not an ISO 4217 code',
};
