/** Asks for the server's token (when `/api` answers 401) and keeps it in session storage. */

import { storeToken } from './server-api';

export function askForToken(wrong: boolean): Promise<void> {
  return new Promise((resolve) => {
    const dialog = document.createElement('form');
    dialog.className = 'token-dialog';
    dialog.innerHTML = `
      <h2>This server needs a token</h2>
      <p>${wrong ? 'That token was not accepted. ' : ''}Enter the server's <code>OHLCV_WSS_TOKEN</code>; it is kept for this tab only.</p>
      <input type="password" name="token" autocomplete="off" placeholder="token" required>
      <button type="submit">Connect</button>`;
    dialog.addEventListener('submit', (event) => {
      event.preventDefault();
      const input = dialog.querySelector('input') as HTMLInputElement;
      storeToken(input.value.trim());
      dialog.remove();
      resolve();
    });
    document.body.append(dialog);
    (dialog.querySelector('input') as HTMLInputElement).focus();
  });
}
