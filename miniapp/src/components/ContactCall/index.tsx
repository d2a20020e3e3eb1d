import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import type { TicketContact } from '@wuye/contracts';
import { showError } from '../../services/errors';
import { revealContactPhone } from '../../services/tickets';
import './index.scss';

/**
 * Calls a number: WeChat's phone dialog on weapp; on H5 a `tel:` link, followed as a tap on it would be (a phone
 * opens its dialer, a desktop its calling app).
 */
export function callNumber(phone: string): void {
  if (process.env.TARO_ENV === 'h5') {
    const link = document.createElement('a');
    link.href = `tel:${phone}`;
    link.className = 'contact-tel-link';
    document.body.appendChild(link);
    link.click();
    link.remove();
    return;
  }
  void Taro.makePhoneCall({ phoneNumber: phone });
}

/**
 * Whom a return visit (回访) calls, number masked. 拨打 reveals the full number first (the API writes the reveal to
 * the audit log), shows it, and calls it; only those handling the ticket get the button (the API's `canReveal`).
 */
export default function ContactCall({ ticketId, contact, className = '' }: { ticketId: number; contact: TicketContact; className?: string }) {
  const [phone, setPhone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const call = async () => {
    if (phone) return callNumber(phone);
    setBusy(true);
    try {
      const revealed = await revealContactPhone(ticketId);
      setPhone(revealed.phone);
      callNumber(revealed.phone);
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className={`contact ${className}`}>
      <Text className="contact-name">{contact.name}</Text>
      <Text className="contact-phone">{phone ?? contact.phoneMasked ?? '未留电话'}</Text>
      {contact.canReveal ? (
        <Button className="button button-small contact-call" disabled={busy || undefined} onClick={() => void call()}>
          {busy ? '正在获取…' : '拨打'}
        </Button>
      ) : null}
    </View>
  );
}
